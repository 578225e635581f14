"""Order of the examples in the gallery: the order of the original report."""

ORDER = [
    "plot_hog_features.py",
    "plot_three_vs_seven_labels.py",
    "plot_balancing.py",
    "plot_leakage.py",
    "plot_cnns.py",
    "plot_hog_cnn.py",
    "plot_ensembles.py",
    "plot_grid_search.py",
    "plot_persistence.py",
    "plot_predict_photo.py",
]


class ExampleOrder:
    """sphinx-gallery sort key: the position in ``ORDER``, then the name."""

    def __init__(self, src_dir):
        self.src_dir = src_dir

    def __call__(self, filename):
        if filename in ORDER:
            return (ORDER.index(filename), filename)
        return (len(ORDER), filename)

    def __repr__(self):
        return f"<{type(self).__name__} {ORDER}>"
